package dev.spool.samples.spring;

import dev.spool.Job;
import org.springframework.stereotype.Service;

/** Application code that enqueues: the generated stub is injected like any bean. */
@Service
public class Signups {

    private final WelcomesTasks welcomes;

    public Signups(WelcomesTasks welcomes) {
        this.welcomes = welcomes;
    }

    /** Signs a user up and sends the welcome in the background. */
    public Job<String> signUp(String name) {
        return welcomes.welcome(name);
    }
}
