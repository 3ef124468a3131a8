package io.github.camelrekognition.examples.yaml;

import org.apache.camel.dsl.jbang.core.commands.CamelJBangMain;

/**
 * The {@code camel} command of Camel JBang, as its JBang script starts it: {@code CamelJBang run ...} is
 * {@code camel run ...}, without the JBang launcher (which installs Camel JBang from a catalog on GitHub).
 */
public final class CamelJBang {

    private CamelJBang() {
    }

    public static void main(String... args) {
        CamelJBangMain.run(args);
    }
}
