package org.mq.e2e.mqadmin;

import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Apache's remoting client (5.5.0) stops its {@code NettyEventExecutor} by raising a flag and
 * joining the thread, which idles up to 3 s in {@code LinkedBlockingQueue.poll} before it looks at
 * the flag again, so every sub-command's shutdown waits 0-3 s after its work is done (in Apache's
 * own mqadmin script too). While a command thread is in that join, this interrupts the executors
 * idling in their poll; their loop takes the interrupt like an empty poll (it catches the
 * exception) and sees the flag. Nothing a command does or prints changes, it only ends sooner.
 */
final class IdleEventExecutorWaker implements AutoCloseable {
    private static final long CHECK_INTERVAL_MS = 10;
    private static final String EXECUTOR_THREAD_NAME = "NettyEventExecutor";
    private static final String SERVICE_THREAD_CLASS = "org.apache.rocketmq.common.ServiceThread";
    private static final String IDLE_QUEUE_CLASS = "java.util.concurrent.LinkedBlockingQueue";

    private static final ScheduledExecutorService CHECKS = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "mqadmin-session-waker");
        thread.setDaemon(true);
        return thread;
    });

    private final ScheduledFuture<?> checking;

    /** Watches {@code commandThread} until closed. */
    IdleEventExecutorWaker(Thread commandThread) {
        checking = CHECKS.scheduleWithFixedDelay(() -> wakeIfStopping(commandThread), CHECK_INTERVAL_MS, CHECK_INTERVAL_MS,
            TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        checking.cancel(false);
    }

    private static void wakeIfStopping(Thread commandThread) {
        if (!calls(commandThread.getStackTrace(), SERVICE_THREAD_CLASS, "shutdown")) {
            return;
        }
        for (Map.Entry<Thread, StackTraceElement[]> thread : Thread.getAllStackTraces().entrySet()) {
            boolean idleExecutor = thread.getKey().getName().equals(EXECUTOR_THREAD_NAME)
                && calls(thread.getValue(), IDLE_QUEUE_CLASS, "poll");
            if (idleExecutor) {
                thread.getKey().interrupt();
            }
        }
    }

    private static boolean calls(StackTraceElement[] stack, String className, String methodName) {
        for (StackTraceElement frame : stack) {
            if (frame.getClassName().equals(className) && frame.getMethodName().equals(methodName)) {
                return true;
            }
        }
        return false;
    }
}
