package dev.sagemill.cli;

import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * A self-contained HTML page built section by section: headings, key-value and row tables, and PNG pictures inlined
 * as data URIs, with its style in the page, so the one file can be mailed or archived. Text is escaped. Not
 * thread-safe.
 */
final class HtmlReport {
  private static final String STYLE = "body{font-family:DejaVu Sans,Helvetica,Arial,sans-serif;margin:2em auto;"
      + "max-width:1000px;color:#222}h1{font-size:1.6em}h2{font-size:1.2em;border-bottom:1px solid #ccc;"
      + "padding-bottom:.2em;margin-top:1.6em}table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid "
      + "#ddd;padding:.25em .6em;text-align:left;font-size:.9em}th{background:#f3f3f3}td.num{text-align:right;"
      + "font-variant-numeric:tabular-nums}figure{margin:1em 0}img{max-width:100%;border:1px solid #eee}"
      + "figcaption{font-size:.85em;color:#555}.meta{color:#666;font-size:.9em}";

  private final StringBuilder body = new StringBuilder();
  private final String title;

  HtmlReport(String title) {
    this.title = title;
    body.append("<h1>").append(escape(title)).append("</h1>\n");
  }

  HtmlReport paragraph(String text) {
    body.append("<p class=\"meta\">").append(escape(text)).append("</p>\n");
    return this;
  }

  HtmlReport heading(String text) {
    body.append("<h2>").append(escape(text)).append("</h2>\n");
    return this;
  }

  /** A two-column table of names and values. */
  HtmlReport keyValues(Map<String, ?> values) {
    body.append("<table>\n");
    values.forEach((k, v) -> body.append("<tr><th>").append(escape(k)).append("</th><td").append(v instanceof Number
        ? " class=\"num\">" : ">").append(escape(String.valueOf(v))).append("</td></tr>\n"));
    body.append("</table>\n");
    return this;
  }

  /** A table with a header row. */
  HtmlReport rows(List<String> header, List<List<String>> rows) {
    body.append("<table>\n<tr>");
    header.forEach(h -> body.append("<th>").append(escape(h)).append("</th>"));
    body.append("</tr>\n");
    for (List<String> row : rows) {
      body.append("<tr>");
      row.forEach(c -> body.append("<td>").append(escape(c)).append("</td>"));
      body.append("</tr>\n");
    }
    body.append("</table>\n");
    return this;
  }

  /** A PNG picture, inlined. */
  HtmlReport picture(byte[] png, String caption) {
    body.append("<figure><img alt=\"").append(escape(caption)).append("\" src=\"data:image/png;base64,")
        .append(Base64.getEncoder().encodeToString(png)).append("\"><figcaption>").append(escape(caption))
        .append("</figcaption></figure>\n");
    return this;
  }

  /** @return the page */
  String html() {
    return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + escape(title)
        + "</title>\n<style>" + STYLE + "</style>\n</head>\n<body>\n" + body + "</body>\n</html>\n";
  }

  static String escape(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
