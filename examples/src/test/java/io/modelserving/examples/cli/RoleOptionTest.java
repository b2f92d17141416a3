package io.modelserving.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelserving.ModelDescriptor;
import io.modelserving.ModelRole;
import org.junit.jupiter.api.Test;

class RoleOptionTest {

    private static final ModelDescriptor PRIMARY = ModelDescriptor.builder("m", "wine", "onnx")
            .bytes(new byte[] {1, 2, 3}).build();

    @Test
    void readsEachRoleAndTheCanarysShareWithOrWithoutThePercentSign() {
        assertThat(RoleOption.parse("--role", "primary").role()).isEqualTo(ModelRole.PRIMARY);
        assertThat(RoleOption.parse("--role", " Shadow ").role()).isEqualTo(ModelRole.SHADOW);
        assertThat(RoleOption.parse("--role", "canary:5%")).extracting(RoleOption::role, RoleOption::canaryPercent)
                .containsExactly(ModelRole.CANARY, 5.0);
        assertThat(RoleOption.parse("--role", "canary:2.5")).extracting(RoleOption::role, RoleOption::canaryPercent)
                .containsExactly(ModelRole.CANARY, 2.5);
        assertThat(RoleOption.parse("--role", "canary: 100 %").canaryPercent()).isEqualTo(100.0);
    }

    @Test
    void appliesTheRoleToTheDescriptorAndNothingElse() {
        ModelDescriptor canary = RoleOption.parse("--role", "canary:5%").apply("--role", PRIMARY);
        assertThat(canary.role()).isEqualTo(ModelRole.CANARY);
        assertThat(canary.canaryPercent()).isEqualTo(5.0);
        assertThat(canary.slot().topicKey()).isEqualTo("wine:canary");
        assertThat(canary.withRole(ModelRole.PRIMARY, 0)).isEqualTo(PRIMARY);
        assertThat(RoleOption.parse("--role", "primary").apply("--role", PRIMARY)).isEqualTo(PRIMARY);
    }

    @Test
    void badValuesNameTheOptionAndTheValue() {
        assertThatThrownBy(() -> RoleOption.parse("--role", "canary:-1").apply("--role", PRIMARY))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("--role 'canary:-1': ");
        assertThatThrownBy(() -> RoleOption.named("--from", "primary:1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(
                        "--from 'primary:1': unknown model role 'primary:1'; roles: primary, shadow, canary");
    }
}
