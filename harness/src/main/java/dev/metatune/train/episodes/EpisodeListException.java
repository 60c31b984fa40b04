package dev.metatune.train.episodes;

import dev.metatune.error.UserInputException;

/** A bad episode list: the user's file (exit 2), the message names the file and line. */
public class EpisodeListException extends UserInputException {

    private static final long serialVersionUID = 1L;

    public EpisodeListException(String message) {
        super(message);
    }
}
