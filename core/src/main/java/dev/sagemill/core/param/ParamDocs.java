package dev.sagemill.core.param;

/**
 * Renders a {@link ParamSpec} as the Markdown hyperparameter table of the documentation, so the table is
 * generated from the one declaration and cannot drift from it. Thread-safe: stateless.
 */
public final class ParamDocs {
  private ParamDocs() {}

  /**
   * @param spec the specification
   * @return a Markdown page: a heading and one table row per hyperparameter, in declaration order
   */
  public static String markdown(ParamSpec spec) {
    return "# " + spec.algorithm() + " hyperparameters\n\n"
        + "Generated from the algorithm's `ParamSpec`; a test fails if this page and the code differ.\n\n"
        + table(spec);
  }

  /**
   * The table alone: one row per hyperparameter.
   *
   * @param spec the specification
   * @return the Markdown table
   */
  public static String table(ParamSpec spec) {
    StringBuilder sb = new StringBuilder();
    sb.append("| name | required | default | allowed values | description |\n|---|---|---|---|---|\n");
    for (ParamDef d : spec.describe()) {
      sb.append("| `").append(d.name()).append("` | ").append(d.required() ? "yes" : "no").append(" | ")
          .append(d.defaultValue().map(v -> "`" + v + "`").orElse("—")).append(" | ")
          .append(d.allowed().replace("|", "\\|")).append(" | ").append(d.doc().replace("|", "\\|")).append(" |\n");
    }
    return sb.toString();
  }
}
