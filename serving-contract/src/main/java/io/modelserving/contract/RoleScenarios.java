package io.modelserving.contract;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.BeforeEach;

/**
 * What the model-role and ensemble scenarios share: the contract run they belong to, and where they run
 * ({@link ServingContract#runsRoleScenarios}).
 */
abstract class RoleScenarios {

    /** The contract run whose broker, adapter and format the scenarios use. */
    final ServingContract contract;

    RoleScenarios(ServingContract contract) {
        this.contract = contract;
    }

    @BeforeEach
    void whereRolesRun() {
        assumeTrue(contract.runsRoleScenarios(), "role scenarios run at least once, and at exactly-once where stops "
                + "are quick: roles are the core's, the same under every guarantee");
    }
}
