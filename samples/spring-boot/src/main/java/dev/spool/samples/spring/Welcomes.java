package dev.spool.samples.spring;

import dev.spool.annotations.Task;
import java.util.Locale;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;

/** Task methods on a Spring bean: the worker runs them on this bean, with its injected dependencies. */
@Service
public class Welcomes {

    private final Salutations salutations;

    @Autowired // tells Spool's processor that the container supplies the instance
    public Welcomes(Salutations salutations) {
        this.salutations = salutations;
    }

    @Task(queue = "spring-sample")
    public String welcome(String name) {
        return salutations.greet(name);
    }

    @Task(queue = "spring-sample")
    public String banner(String text) {
        return text.toUpperCase(Locale.ROOT);
    }
}
