package dev.w9y.contracts.diff;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumDescriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compares two protobuf message types as bodies in the proto3 JSON mapping, field by name: a
 * removed field is refused when sent (the JSON parser rejects unknown fields), an added one is
 * unknown to the old version's readers, a changed type or number breaks both.
 */
final class MessageDiff {
  private final SchemaDiff.Sink sink;
  private final Set<String> compared = new LinkedHashSet<>();

  MessageDiff(SchemaDiff.Sink sink) {
    this.sink = sink;
  }

  void compare(Descriptor before, Descriptor after, String pointer) {
    if (!compared.add(before.getFullName() + " " + after.getFullName())) {
      return;
    }
    Set<String> names = new TreeSet<>();
    before.getFields().forEach(field -> names.add(field.getName()));
    after.getFields().forEach(field -> names.add(field.getName()));
    for (String name : names) {
      FieldDescriptor old = before.findFieldByName(name);
      FieldDescriptor now = after.findFieldByName(name);
      String at = pointer + "/" + (now != null ? now : old).getJsonName();
      if (now == null) {
        sink.add(
            ChangeKind.PROPERTY_REMOVED,
            at,
            Effect.NARROWS,
            "field '" + name + "' (" + old.getNumber() + ") removed");
      } else if (old == null) {
        sink.add(
            ChangeKind.PROPERTY_ADDED,
            at,
            Effect.WIDENS,
            "field '" + name + "' (" + now.getNumber() + ") added");
      } else {
        field(old, now, at);
      }
    }
  }

  private void field(FieldDescriptor old, FieldDescriptor now, String at) {
    if (old.getNumber() != now.getNumber()) {
      sink.add(
          ChangeKind.FIELD_NUMBER_CHANGED,
          at,
          Effect.REPLACES,
          "field '"
              + old.getName()
              + "' number changed from "
              + old.getNumber()
              + " to "
              + now.getNumber());
    }
    String typeBefore = type(old);
    String typeAfter = type(now);
    if (!typeBefore.equals(typeAfter) && !(isMessage(old) && isMessage(now))
        || old.isRepeated() != now.isRepeated()) {
      sink.add(
          ChangeKind.TYPE_CHANGED,
          at,
          Effect.REPLACES,
          "field '" + old.getName() + "' type changed from " + typeBefore + " to " + typeAfter);
      return;
    }
    if (isMessage(old) && isMessage(now)) {
      compare(old.getMessageType(), now.getMessageType(), at + (old.isRepeated() ? "/*" : ""));
    } else if (old.getType() == FieldDescriptor.Type.ENUM) {
      enumValues(old.getEnumType(), now.getEnumType(), at);
    }
  }

  private void enumValues(EnumDescriptor before, EnumDescriptor after, String at) {
    Set<String> old = new TreeSet<>();
    Set<String> now = new TreeSet<>();
    before.getValues().forEach(value -> old.add(value.getName()));
    after.getValues().forEach(value -> now.add(value.getName()));
    for (EnumValueDescriptor value : before.getValues()) {
      if (!now.contains(value.getName())) {
        sink.add(
            ChangeKind.ENUM_VALUE_REMOVED,
            at,
            Effect.NARROWS,
            "enum value " + value.getName() + " removed");
      }
    }
    for (EnumValueDescriptor value : after.getValues()) {
      if (!old.contains(value.getName())) {
        sink.add(
            ChangeKind.ENUM_VALUE_ADDED,
            at,
            Effect.WIDENS,
            "enum value " + value.getName() + " added");
      }
    }
  }

  private static boolean isMessage(FieldDescriptor field) {
    return field.getJavaType() == FieldDescriptor.JavaType.MESSAGE;
  }

  private static String type(FieldDescriptor field) {
    String base =
        switch (field.getJavaType()) {
          case MESSAGE -> field.getMessageType().getFullName();
          case ENUM -> field.getEnumType().getFullName();
          default -> field.getType().name().toLowerCase(java.util.Locale.ROOT);
        };
    return field.isRepeated() ? "repeated " + base : base;
  }
}
