package dev.w9y.core.guest;

/**
 * A cron firing as a guest sees it.
 *
 * @param cron the cron expression that fired
 * @param scheduledTimeEpochMillis the firing time on the simulated wall clock (Workers: {@code
 *     event.scheduledTime})
 */
public record ScheduledTrigger(String cron, long scheduledTimeEpochMillis) {}
