package dev.sagemill.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The BOM ({@code bom/pom.xml}) manages every module a user can depend on, at the reactor's version: a module added
 * to the build and forgotten in the BOM fails here.
 */
class BomTest {
  private static final Pattern MODULE = Pattern.compile("<module>([^<]+)</module>");
  private static final Pattern ARTIFACT = Pattern.compile("<artifactId>(sagemill-[^<]+)</artifactId><version>([^<]+)"
      + "</version>");
  /** Modules that are not for users: the BOM itself, the examples and the benchmarks. */
  private static final List<String> NOT_PUBLISHED = List.of("bom", "examples", "benchmarks");

  @Test
  void theBomManagesEveryPublishedModuleAtTheBuildsVersion() throws Exception {
    Path root = Path.of("..").toAbsolutePath().normalize();
    String parent = Files.readString(root.resolve("pom.xml"));
    Matcher version = Pattern.compile("<artifactId>sagemill-parent</artifactId>\\s*<version>([^<]+)</version>")
        .matcher(parent);
    version.find();
    TreeSet<String> modules = new TreeSet<>();
    for (Matcher m = MODULE.matcher(parent); m.find(); ) {
      if (!NOT_PUBLISHED.contains(m.group(1))) {
        String pom = Files.readString(root.resolve(m.group(1)).resolve("pom.xml"));
        Matcher a = Pattern.compile("</parent>\\s*<artifactId>([^<]+)</artifactId>").matcher(pom);
        a.find();
        modules.add(a.group(1));
      }
    }
    TreeSet<String> managed = new TreeSet<>();
    List<String> wrongVersion = new ArrayList<>();
    for (Matcher m = ARTIFACT.matcher(Files.readString(root.resolve("bom/pom.xml"))); m.find(); ) {
      managed.add(m.group(1));
      if (!m.group(2).equals(version.group(1))) {
        wrongVersion.add(m.group(1) + " " + m.group(2));
      }
    }
    assertEquals(modules, managed, "bom/pom.xml against the reactor's published modules");
    assertEquals(List.of(), wrongVersion, "BOM entries not at the build's version " + version.group(1));
    Matcher bomVersion = Pattern.compile("<artifactId>sagemill-bom</artifactId>\\s*<version>([^<]+)</version>")
        .matcher(Files.readString(root.resolve("bom/pom.xml")));
    bomVersion.find();
    assertEquals(version.group(1), bomVersion.group(1), "the BOM's own version");
  }
}
