package com.example.photos;

import dev.spool.annotations.Task;

/** Sends mail. */
public class Mailer {
    @Task
    public String notifyOwner(String url, String email) {
        return email + ": " + url;
    }

    @Task
    public Integer tally(String text) {
        return text.length();
    }
}
