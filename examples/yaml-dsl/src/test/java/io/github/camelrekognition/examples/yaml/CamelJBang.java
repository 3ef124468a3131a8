package io.github.camelrekognition.examples.yaml;

import org.apache.camel.dsl.jbang.core.commands.CamelJBangMain;

/**
 * The {@code camel} command of Camel JBang, as its JBang script starts it: {@code CamelJBang run ...} is
 * {@code camel run ...}. Here because the JBang launcher cannot be installed on this project's machines.
 */
public final class CamelJBang {

    private CamelJBang() {
    }

    public static void main(String... args) {
        CamelJBangMain.run(args);
    }
}
