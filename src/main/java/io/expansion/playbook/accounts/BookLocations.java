package io.expansion.playbook.accounts;

import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;

/** Where a book or mapping named in configuration lives: a resource URL, or else a file path. */
final class BookLocations {

  private BookLocations() {}

  static String url(String location) {
    return location.contains(":") ? location : "file:" + location;
  }

  /** The existing resource at a resource location; {@code what} names it in the error. */
  static Resource existing(ResourceLoader resources, String location, String what) {
    Resource resource = resources.getResource(location);
    if (!resource.exists()) {
      throw new IllegalStateException(what + " not found: " + location);
    }
    return resource;
  }
}
