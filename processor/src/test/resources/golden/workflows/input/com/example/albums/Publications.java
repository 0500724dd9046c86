package com.example.albums;

import dev.spool.Job;
import dev.spool.annotations.Chain;
import dev.spool.annotations.Chord;
import com.example.photos.ImageRef;
import com.example.photos.Thumbnail;
import java.util.List;

/** Nested workflows: a "#name" step, member, header or callback is another workflow method of this interface. */
public interface Publications {
    /** Renders, uploads the thumbnail to every destination, then tells the owner. */
    @Chain({"Thumbnails.render", "#uploadAll", "Sharing.announce"})
    Job<String> publish(ImageRef image, int size, List<String> destinations, String email);

    /** One upload per destination, each taking the thumbnail first (the broadcast form), then the sorted URLs. */
    @Chord(header = "Sharing.uploadTo", callback = "Sharing.sorted")
    Job<List<String>> uploadAll(Thumbnail thumbnail, List<String> destinations);

    /** Ships every image through #ship, then tells the owner; alerts the owner if a job fails for good. */
    @Chord(header = "#ship", callback = "Sharing.announce", onFailure = "Sharing.alert")
    Job<String> shipAll(List<ImageRef> images, int size, String email);

    /** Renders and uploads one image. */
    @Chain({"Thumbnails.render", "storage.upload"})
    Job<String> ship(ImageRef image, int size);

    /** Ships an image while a document's text is extracted, then captions the upload. */
    @Chord(members = {"#ship", "Extract.text"}, callback = "Sharing.caption")
    Job<String> captioned(ImageRef image, int size, String documentId);

    /** Renders every image, then counts and describes the thumbnails through #describe. */
    @Chord(header = "Thumbnails.render", callback = "#describe")
    Job<String> renderAndDescribe(List<ImageRef> images, int size);

    /** Counts thumbnails, then describes the count. */
    @Chain({"Thumbnails.count", "Thumbnails.describe"})
    Job<String> describe(List<Thumbnail> thumbnails);

    /** Renders the originals, then compares their thumbnails with the images rendered by #renderAndDescribe. */
    @Chord(header = "Thumbnails.render", callback = "#compare")
    Job<String> renderAndCompare(List<ImageRef> originals, int size, List<ImageRef> images);

    /**
     * Describes the thumbnails while the images are rendered and described, then captions one
     * description with the other. Nested as a callback, the images wait for the thumbnails.
     */
    @Chord(members = {"#describe", "#renderAndDescribe"}, callback = "Sharing.caption")
    Job<String> compare(List<Thumbnail> thumbnails, List<ImageRef> images, int size);
}
