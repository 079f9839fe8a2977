/** An algorithm defined only in the CLI's tests, registered through ServiceLoader (the plug-in proof). */
package dev.sagemill.cli.plugin;
