package com.example.albums;

import dev.spool.Job;
import dev.spool.annotations.Chain;
import dev.spool.annotations.Chord;
import dev.spool.workflow.WorkflowJob;
import com.example.photos.Album;
import com.example.photos.ImageRef;
import com.example.photos.Summary;
import java.util.List;

/** The album workflows. */
public interface Albums {
    /** Renders, uploads and mails. */
    @Chain({"Thumbnails.render", "storage.upload", "Mailer.notifyOwner"})
    Job<String> renderAndShip(ImageRef image, int size, String email);

    /** Renders every image, then publishes them. */
    @Chord(header = "Thumbnails.render", callback = "Thumbnails.publish")
    WorkflowJob<Album> album(List<ImageRef> images, int size, String title);

    /** Extracts text and images side by side, then merges them. */
    @Chord(members = {"Extract.text", "Extract.images"}, callback = "com.example.photos.Extract.merge")
    Job<Summary> analyze(String documentId);
}
