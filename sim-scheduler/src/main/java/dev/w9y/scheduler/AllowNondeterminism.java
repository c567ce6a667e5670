package dev.w9y.scheduler;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The one escape from W9Y's build-time nondeterminism ban (config/forbidden-apis/): a class,
 * constructor, method or field carrying this annotation may use wall clocks, threads, unseeded
 * randomness or the console. The reason is mandatory so that every exception explains why it cannot
 * leak into a simulation (for example: "command-line entry point prints the result").
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.TYPE, ElementType.CONSTRUCTOR, ElementType.METHOD, ElementType.FIELD})
public @interface AllowNondeterminism {
  /** Why this use cannot change what a simulation does or records. */
  String reason();
}
