package com.example.photos;

import dev.spool.annotations.Task;
import dev.spool.workflow.WorkflowFailure;
import java.util.List;

/** Shares thumbnails: the tasks of the nested workflow fixtures. */
public class Sharing {
    @Task(queue = "io")
    public String uploadTo(Thumbnail thumbnail, String destination) {
        return destination + "/" + thumbnail.source().key();
    }

    @Task
    public List<String> sorted(List<String> urls) {
        return urls.stream().sorted().toList();
    }

    @Task
    public String announce(List<String> urls, String email) {
        return email + ": " + urls.size() + " uploads";
    }

    @Task
    public String caption(String url, String text) {
        return url + " " + text;
    }

    @Task
    public void alert(WorkflowFailure failure, String email) {}
}
