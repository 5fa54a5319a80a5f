package io.timeshard.apicheck;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.commons.ClassRemapper;
import org.objectweb.asm.commons.Remapper;

/**
 * The Kafka classes that compiled classes reference, read from the class files with ASM: every type
 * a class names in a signature, a field, a call, an annotation or a constant, whether or not it is
 * ever loaded.
 */
final class KafkaReferences {

  /** {@code from} (a class of the scanned code) references the Kafka class {@code to}. */
  record Reference(String from, String to) implements Comparable<Reference> {
    String toPackage() {
      String outer = to.contains("$") ? to.substring(0, to.indexOf('$')) : to;
      return outer.substring(0, outer.lastIndexOf('.'));
    }

    @Override
    public int compareTo(Reference other) {
      return toString().compareTo(other.toString());
    }

    @Override
    public String toString() {
      return from + " -> " + to;
    }
  }

  private static final String KAFKA = "org/apache/kafka/";

  private KafkaReferences() {}

  /** The references to Kafka from the classes in {@code location}, a classes folder or a jar. */
  static List<Reference> of(Path location) throws IOException {
    Set<Reference> references = new TreeSet<>();
    if (Files.isDirectory(location)) {
      try (Stream<Path> files = Files.walk(location)) {
        for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
          try (InputStream in = Files.newInputStream(file)) {
            read(in, references);
          }
        }
      }
    } else {
      try (JarFile jar = new JarFile(location.toFile())) {
        for (JarEntry entry : Collections.list(jar.entries())) {
          if (entry.getName().endsWith(".class")) {
            try (InputStream in = jar.getInputStream(entry)) {
              read(in, references);
            }
          }
        }
      }
    }
    return new ArrayList<>(references);
  }

  private static void read(InputStream in, Set<Reference> references) throws IOException {
    ClassReader reader = new ClassReader(in);
    String from = reader.getClassName().replace('/', '.');
    if (from.endsWith("module-info")) {
      return;
    }
    Remapper collector =
        new Remapper(Opcodes.ASM9) {
          @Override
          public String map(String internalName) {
            if (internalName.startsWith(KAFKA)) {
              references.add(new Reference(from, internalName.replace('/', '.')));
            }
            return internalName;
          }
        };
    try {
      // A writer takes every part of the class, so the remapper sees every method body too.
      reader.accept(new ClassRemapper(new ClassWriter(0), collector), 0);
    } catch (IllegalArgumentException e) {
      throw new UncheckedIOException(new IOException("cannot read " + from, e));
    }
  }
}
