package dev.spool.test.tasks;

import dev.spool.Job;
import dev.spool.annotations.Chain;
import dev.spool.annotations.Chord;
import java.util.List;

/** Workflows over {@link Greeter}. */
public interface Greetings {

    @Chain({"Greeter.greet", "Greeter.shout"})
    Job<String> greetLoudly(Greeter.Person person, String suffix);

    @Chain({"Greeter.refuse", "Greeter.shoutName"})
    Job<String> refuseLoudly(String name);

    @Chord(header = "Greeter.greet", callback = "Greeter.count")
    Job<Integer> greetAll(List<Greeter.Person> people);
}
