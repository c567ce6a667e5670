package dev.w9y.contracts.diff;

import java.util.Locale;

/** What changed between two versions of a contract. */
public enum ChangeKind {
  OPERATION_REMOVED,
  OPERATION_ADDED,
  PARAMETER_ADDED,
  PARAMETER_REMOVED,
  PARAMETER_BECAME_REQUIRED,
  PARAMETER_BECAME_OPTIONAL,
  REQUEST_BODY_ADDED,
  REQUEST_BODY_REMOVED,
  REQUEST_BODY_BECAME_REQUIRED,
  REQUEST_BODY_BECAME_OPTIONAL,
  MEDIA_TYPE_ADDED,
  MEDIA_TYPE_REMOVED,
  STATUS_ADDED,
  STATUS_REMOVED,
  RESPONSE_HEADER_ADDED,
  RESPONSE_HEADER_REMOVED,
  TYPE_CHANGED,
  ENUM_VALUE_ADDED,
  ENUM_VALUE_REMOVED,
  PROPERTY_ADDED,
  PROPERTY_REMOVED,
  PROPERTY_BECAME_REQUIRED,
  PROPERTY_BECAME_OPTIONAL,
  /** A bound, format, pattern, const, enum, additionalProperties or combinator changed. */
  CONSTRAINT_CHANGED,
  /** A protobuf field kept its name but changed its number (binary encodings no longer agree). */
  FIELD_NUMBER_CHANGED;

  /** {@code property-became-required}: how the report and {@code --json} name it. */
  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
