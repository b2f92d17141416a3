package io.modelserving;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelserving.codec.Codecs;
import java.util.List;
import org.junit.jupiter.api.Test;

class RoleChangesTest {

    private final ModelDescriptor primary = descriptor("p").build();
    private final ModelDescriptor shadow = descriptor("s").shadow().build();

    @Test
    void aPromotionKeepsTheReplacedPrimaryAsPreviousThenPublishesTheCandidateAsPrimary() {
        List<RoleChanges.Message> messages = RoleChanges.promotion(shadow, primary);

        assertThat(messages).extracting(RoleChanges.Message::key).containsExactly("wine:previous", "wine");
        assertThat(messages.get(0).descriptor()).isEqualTo(descriptor("p").role(ModelRole.PREVIOUS).build());
        assertThat(messages.get(1).descriptor()).isEqualTo(descriptor("s").build());
        assertThat(Codecs.modelDescriptors().decode(messages.get(1).encoded()).get()).isEqualTo(descriptor("s").build());
        assertThat(RoleChanges.promotion(shadow, null)).extracting(RoleChanges.Message::key).containsExactly("wine");
    }

    @Test
    void aRollbackSwapsThePreviousAndThePrimaryAndARetirementIsATombstone() {
        ModelDescriptor previous = descriptor("p").role(ModelRole.PREVIOUS).build();

        List<RoleChanges.Message> messages = RoleChanges.rollback(previous, descriptor("s").build());

        assertThat(messages).extracting(RoleChanges.Message::key).containsExactly("wine:previous", "wine");
        assertThat(messages.get(0).descriptor().name()).isEqualTo("s");
        assertThat(messages.get(1).descriptor()).isEqualTo(primary);
        RoleChanges.Message retirement = RoleChanges.retirement(new ModelSlotKey("wine", ModelRole.CANARY));
        assertThat(retirement.key()).isEqualTo("wine:canary");
        assertThat(retirement.encoded()).isNull();
    }

    private static ModelDescriptor.Builder descriptor(String name) {
        return ModelDescriptor.builder(name, "wine", "onnx").version("1").bytes(new byte[] {1, 2, 3});
    }
}
