package dev.spool.samples.photos;

import dev.spool.annotations.Task;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Aggregates the star ratings that viewers give to photos. */
public class Ratings {

    /** The mean rating of each photo, from all the ratings it received. */
    @Task
    public Map<String, Double> averages(Map<String, List<Integer>> ratingsByPhoto) {
        Map<String, Double> averages = new TreeMap<>();
        ratingsByPhoto.forEach((photo, ratings) ->
                averages.put(photo, ratings.stream().mapToInt(Integer::intValue).average().orElse(0)));
        return averages;
    }
}
