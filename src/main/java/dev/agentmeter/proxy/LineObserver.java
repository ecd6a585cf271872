package dev.agentmeter.proxy;

/** Watches the lines a {@link LineRelay} forwards; it must not keep the array, which the relay reuses. */
@FunctionalInterface
interface LineObserver {

    /**
     * @param bytes         the buffer holding the line
     * @param offset        where the line starts
     * @param length        its length, with its newline when it has one
     * @param receivedNanos when the relay read it, from the relay's nano-time source
     */
    void onLine(byte[] bytes, int offset, int length, long receivedNanos);
}
