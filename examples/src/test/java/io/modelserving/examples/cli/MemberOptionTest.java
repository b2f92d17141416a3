package io.modelserving.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class MemberOptionTest {

    @Test
    void readsTheNameThePathAndTheTypeWhenGiven() {
        assertThat(MemberOption.parse("--member", "fast=models/tree.onnx:onnx"))
                .extracting(MemberOption::name, MemberOption::path, MemberOption::type)
                .containsExactly("fast", Path.of("models/tree.onnx"), "onnx");
        assertThat(MemberOption.parse("--member", " big = models/forest.pmml "))
                .extracting(MemberOption::name, MemberOption::path, MemberOption::type)
                .containsExactly("big", Path.of("models/forest.pmml"), null);
    }

    @Test
    void aColonFollowedByAPathIsPartOfThePath() {
        MemberOption windows = MemberOption.parse("--member", "w=C:\\models\\a.onnx");
        assertThat(windows.path().toString()).isEqualTo("C:\\models\\a.onnx");
        assertThat(windows.type()).isNull();
        MemberOption typed = MemberOption.parse("--member", "w=C:\\models\\a.onnx:onnx");
        assertThat(typed.path().toString()).isEqualTo("C:\\models\\a.onnx");
        assertThat(typed.type()).isEqualTo("onnx");
    }

    @Test
    void aMemberWithoutATypeTakesTheDefaultOrIsRefused() {
        MemberOption untyped = MemberOption.parse("--member", "big=forest.pmml");
        assertThat(untyped.typeOr("--member", "pmml")).isEqualTo("pmml");
        assertThat(MemberOption.parse("--member", "big=forest.pmml:onnx").typeOr("--member", "pmml"))
                .isEqualTo("onnx");
        assertThatThrownBy(() -> untyped.typeOr("--member", null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--member 'big=forest.pmml': no model type: give it as NAME=PATH[:TYPE] or give --type "
                        + "for every member");
    }

    @Test
    void badValuesNameTheOptionAndTheValue() {
        for (String bad : new String[] {"fast", "=a.onnx", "fast=", "fast=a.onnx:", "fast=:onnx", " = "}) {
            assertThatThrownBy(() -> MemberOption.parse("--member", bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("--member '" + bad + "': give a member as NAME=PATH[:TYPE]");
        }
    }
}
