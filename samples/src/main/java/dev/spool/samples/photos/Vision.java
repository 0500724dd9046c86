package dev.spool.samples.photos;

import dev.spool.annotations.Task;
import java.util.ArrayList;
import java.util.List;

/** Labels what a photo shows. The "worker 2" of the aggregator scenario. */
public class Vision {

    /** Labels a photo; slow and GPU-bound in real life, so it has the {@code vision} queue. */
    @Task(queue = "vision", retries = 1)
    public List<String> labels(ImageRef image) {
        Thumbnails.simulateWork(40);
        List<String> labels = new ArrayList<>();
        for (String word : image.uri().replaceAll(".*/|\\.[a-z]+$", "").split("[-_]")) {
            if (word.length() > 2 && !word.chars().allMatch(Character::isDigit)) {
                labels.add(word);
            }
        }
        return labels;
    }
}
