package dev.spool.test.tasks;

import dev.spool.annotations.Task;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Tasks for the extension's tests. */
public class Greeter {

    /** The threads that ran {@link #greet}, in order. */
    public static final List<Thread> THREADS = new CopyOnWriteArrayList<>();

    /** The names {@link #remember} was given, in order. */
    public static final List<String> REMEMBERED = new CopyOnWriteArrayList<>();

    @Task(queue = "spooltest-greetings")
    public Greeting greet(Person person) {
        THREADS.add(Thread.currentThread());
        return new Greeting("Hello, " + person.name() + "!", person.age() + 1);
    }

    @Task(queue = "spooltest-greetings")
    public String shout(Greeting greeting, String suffix) {
        return greeting.text().toUpperCase(java.util.Locale.ROOT) + suffix;
    }

    /** Returns nothing: a void step in the middle of a chain. */
    @Task(queue = "spooltest-greetings")
    public void remember(String name) {
        REMEMBERED.add(name);
    }

    @Task(queue = "spooltest-greetings")
    public String shoutBoth(String first, String second) {
        return first + " " + second;
    }

    @Task(queue = "spooltest-greetings")
    public int count(List<Greeting> greetings) {
        return greetings.size();
    }

    @Task(queue = "spooltest-greetings")
    public String refuse(String name) {
        throw new IllegalStateException("no greeting for " + name);
    }

    @Task(queue = "spooltest-greetings")
    public String shoutName(String name) {
        return name.toUpperCase(java.util.Locale.ROOT);
    }

    public record Person(String name, int age) {}

    public record Greeting(String text, int nextAge) {}
}
