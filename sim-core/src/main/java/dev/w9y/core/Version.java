package dev.w9y.core;

/** The W9Y version written into every trace header. */
public final class Version {
  public static final String W9Y = "0.1.0-SNAPSHOT";

  private Version() {}
}
