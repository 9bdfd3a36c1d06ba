package io.eventflow.orderapi;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The owner keeps what the caller cannot choose and drops what it can. */
class OwnerTest {
    private static final String ROLE = "arn:aws:sts::123456789012:assumed-role/Shop";

    @Test
    void anAssumedRoleIsItsRoleWhateverTheSessionIsCalled() {
        assertThat(Owner.of(ROLE + "/alice", null)).isEqualTo(ROLE);
        assertThat(Owner.of(ROLE + "/bob", null)).isEqualTo(ROLE);
        assertThat(Owner.of("arn:aws:sts::123456789012:assumed-role/Other/alice", null))
                .isNotEqualTo(ROLE);
    }

    @Test
    void cognitoIdentitiesOfOneRoleAreOwnersOfTheirOwn() {
        String ada = Owner.of(ROLE + "/CognitoIdentityCredentials", "eu-west-1:11111111-2222-3333-4444-555555555555");
        String bea = Owner.of(ROLE + "/CognitoIdentityCredentials", "eu-west-1:66666666-7777-8888-9999-000000000000");

        assertThat(ada).startsWith(ROLE).isNotEqualTo(bea).isNotEqualTo(ROLE);
        assertThat(Owner.of(ada)).as("an owner stays itself").isEqualTo(ada);
    }

    @Test
    void aFederatedUsersNameIsTheCallersChoiceToo() {
        assertThat(Owner.of("arn:aws:sts::123456789012:federated-user/alice", null))
                .isEqualTo(Owner.of("arn:aws:sts::123456789012:federated-user/bob", null))
                .isEqualTo("arn:aws:sts::123456789012:federated-user");
    }

    @Test
    void usersAndRootAreTheirArnAndNoCallerIsNoOwner() {
        assertThat(Owner.of("arn:aws:iam::123456789012:user/team/alice", null))
                .isEqualTo("arn:aws:iam::123456789012:user/team/alice");
        assertThat(Owner.of("arn:aws:iam::123456789012:root", null)).isEqualTo("arn:aws:iam::123456789012:root");
        assertThat(Owner.of(ROLE)).isEqualTo(ROLE);
        assertThat(Owner.of(null, "eu-west-1:x")).isNull();
        assertThat(Owner.of(" ")).isNull();
    }
}
