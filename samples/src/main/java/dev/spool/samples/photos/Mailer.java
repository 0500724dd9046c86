package dev.spool.samples.photos;

import dev.spool.annotations.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Tells users that their photos are ready. */
public class Mailer {

    private static final Logger log = LoggerFactory.getLogger(Mailer.class);

    /** Mails the address of a stored thumbnail; refuses an address that cannot be mailed. */
    @Task(queue = "mail")
    public String notifyOwner(Receipt receipt, String email) {
        if (!email.matches("[^@\\s]+@[^@\\s]+\\.[a-z]{2,}")) {
            throw new IllegalArgumentException("not an e-mail address: " + email);
        }
        log.info("mail to {}: your photo is at {}", email, receipt.url());
        return "sent to " + email;
    }
}
