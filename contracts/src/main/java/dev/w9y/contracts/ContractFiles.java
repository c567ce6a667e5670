package dev.w9y.contracts;

import dev.w9y.core.guest.CodeIdentity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * A contract's files: the root and every file its {@code $ref}s reach, each read once as YAML or
 * JSON. Reading them here, before any library does, is what makes a bad contract a one-line error
 * naming the file and line (a syntax error) or the file and JSON pointer (a {@code $ref} to a file
 * or fragment that is not there). Their bytes give the contract its identity in the trace header.
 */
final class ContractFiles {
  private static final ObjectMapper YAML = YAMLMapper.builder().build();

  private final Path root;
  private final Path baseDir;
  private final Map<Path, JsonNode> trees = new TreeMap<>();
  private final SortedMap<String, byte[]> bytes = new TreeMap<>();

  private ContractFiles(Path root) {
    this.root = root.toAbsolutePath().normalize();
    this.baseDir = this.root.getParent();
  }

  /** Reads {@code root} and every file its {@code $ref}s reach, checking each reference. */
  static ContractFiles read(Path root) {
    ContractFiles files = new ContractFiles(root);
    Deque<Path> pending = new ArrayDeque<>();
    pending.add(files.root);
    files.load(files.root, null);
    files.drain(pending);
    return files;
  }

  private void drain(Deque<Path> pending) {
    while (!pending.isEmpty()) {
      Path file = pending.poll();
      checkRefs(file, trees.get(file), "", pending);
    }
  }

  /**
   * What {@code ref} ({@code file.json#/pointer}, relative to {@code file}) names, written at
   * {@code pointer} of {@code file} in a routes file: loaded and checked with every file it
   * reaches.
   */
  Located reference(Path file, String ref, String pointer) {
    Deque<Path> pending = new ArrayDeque<>();
    checkRef(file, ref, pointer, pending);
    drain(pending);
    return at(targetFile(file, ref), fragment(ref));
  }

  JsonNode tree() {
    return trees.get(root);
  }

  Path root() {
    return root;
  }

  /** How the trace header names the contract: root file name and a hash over every file. */
  String identity(String format) {
    return CodeIdentity.of(format, root.getFileName().toString(), bytes);
  }

  /** {@code orders.yaml} or {@code schemas/order.json}: a file as errors name it. */
  String name(Path file) {
    Path relative = baseDir.relativize(file);
    return relative.toString().replace('\\', '/');
  }

  private void load(Path file, String referrer) {
    byte[] content;
    try {
      content = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException(
          (referrer == null ? "contract " + file : referrer) + ": file not found");
    } catch (IOException e) {
      throw new IllegalArgumentException("contract " + file + ": cannot read: " + e.getMessage());
    }
    JsonNode tree;
    try {
      tree = YAML.readTree(content);
    } catch (JacksonException e) {
      TokenStreamLocation at = e.getLocation();
      throw new IllegalArgumentException(
          "contract "
              + name(file)
              + (at == null ? "" : ":" + at.getLineNr() + ":" + at.getColumnNr())
              + ": does not parse: "
              + firstLine(e.getOriginalMessage()));
    }
    if (tree == null || !tree.isObject()) {
      throw new IllegalArgumentException(
          "contract " + name(file) + ":1: expected a YAML or JSON object at the top");
    }
    trees.put(file, tree);
    bytes.put(name(file), content);
  }

  /** Loads the files {@code node}'s {@code $ref}s name and checks that their fragments exist. */
  private void checkRefs(Path file, JsonNode node, String pointer, Deque<Path> pending) {
    if (node.isObject()) {
      JsonNode ref = node.get("$ref");
      if (ref != null && ref.isString()) {
        checkRef(file, ref.asString(), pointer + "/$ref", pending);
      }
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        if (!field.getKey().equals("$ref")) {
          checkRefs(file, field.getValue(), pointer + "/" + escape(field.getKey()), pending);
        }
      }
    } else if (node.isArray()) {
      Iterator<JsonNode> items = node.iterator();
      for (int i = 0; items.hasNext(); i++) {
        checkRefs(file, items.next(), pointer + "/" + i, pending);
      }
    }
  }

  /** The file a {@code $ref} written in {@code file} names (itself when it has no file part). */
  private static Path targetFile(Path file, String ref) {
    int hash = ref.indexOf('#');
    String filePart = hash < 0 ? ref : ref.substring(0, hash);
    return filePart.isEmpty() ? file : file.getParent().resolve(filePart).normalize();
  }

  /** The JSON pointer part of a {@code $ref} ({@code ""}: the whole document). */
  private static String fragment(String ref) {
    int hash = ref.indexOf('#');
    return hash < 0 ? "" : ref.substring(hash + 1);
  }

  private void checkRef(Path file, String ref, String pointer, Deque<Path> pending) {
    if (ref.startsWith("http://") || ref.startsWith("https://") || ref.startsWith("urn:")) {
      throw new IllegalArgumentException(
          "contract "
              + name(file)
              + " at "
              + pointer
              + ": $ref '"
              + ref
              + "' is remote; a simulation reads only local files");
    }
    Path target = targetFile(file, ref);
    String fragment = fragment(ref);
    if (!trees.containsKey(target)) {
      load(target, "contract " + name(file) + " at " + pointer + ": $ref '" + ref + "'");
      pending.add(target);
    }
    if (fragment.startsWith("/") && trees.get(target).at(fragment).isMissingNode()) {
      throw new IllegalArgumentException(
          "contract "
              + name(file)
              + " at "
              + pointer
              + ": $ref '"
              + ref
              + "' names nothing in "
              + name(target));
    }
  }

  /** Counts a binary file (a descriptor set) in the contract's identity. */
  void include(Path file) {
    try {
      bytes.put(name(file.toAbsolutePath().normalize()), Files.readAllBytes(file));
    } catch (IOException e) {
      throw new IllegalArgumentException("contract " + file + ": cannot read: " + e.getMessage());
    }
  }

  /** The text of the contract file {@code iri} names ({@code file:///...}), or null. */
  String textOf(String iri) {
    if (!iri.startsWith("file:")) {
      return null;
    }
    Path file;
    try {
      file = Path.of(java.net.URI.create(iri)).normalize();
    } catch (IllegalArgumentException e) {
      return null;
    }
    byte[] content = trees.containsKey(file) ? bytes.get(name(file)) : null;
    return content == null ? null : new String(content, java.nio.charset.StandardCharsets.UTF_8);
  }

  /** A node of one of the contract's files, with where it is. */
  record Located(Path file, String pointer, JsonNode node) {
    Located child(String key) {
      JsonNode value =
          node.isArray() && key.matches("[0-9]+") ? node.get(Integer.parseInt(key)) : node.get(key);
      return value == null ? null : new Located(file, pointer + "/" + escape(key), value);
    }
  }

  Located at(Path file, String pointer) {
    return new Located(file, pointer, trees.get(file).at(pointer));
  }

  /** {@code located} itself, or what its {@code $ref} (chain) names. */
  Located deref(Located located) {
    Located current = located;
    for (int hops = 0; hops < 32; hops++) {
      JsonNode ref = current.node().get("$ref");
      if (ref == null || !ref.isString()) {
        return current;
      }
      String text = ref.asString();
      current = at(targetFile(current.file(), text), fragment(text));
    }
    throw new IllegalArgumentException(
        "contract " + name(located.file()) + " at " + located.pointer() + ": $ref chain too long");
  }

  /** The node at {@code pointer} in {@code file}, its {@code $ref}s followed; null if missing. */
  JsonNode resolve(Path file, String pointer) {
    Located found = deref(at(file, pointer));
    return found.node().isMissingNode() ? null : found.node();
  }

  static String escape(String key) {
    return key.replace("~", "~0").replace("/", "~1");
  }

  static String firstLine(String text) {
    if (text == null) {
      return "";
    }
    int newline = text.indexOf('\n');
    return newline < 0 ? text : text.substring(0, newline);
  }
}
