package dev.spool.samples.spring;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** An ordinary Spring bean that a task class depends on. */
@Component
public class Salutations {

    private final String greeting;

    public Salutations(@Value("${sample.greeting:Welcome}") String greeting) {
        this.greeting = greeting;
    }

    public String greet(String name) {
        return greeting + ", " + name + "!";
    }
}
