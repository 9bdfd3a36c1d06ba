package io.eventflow.orderapi;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Who owns an order, from what API Gateway's AWS_IAM authorizer verified. Only the parts of the caller that the
 * caller cannot choose count:
 * <ul>
 *   <li>an assumed role ({@code arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION}) is its role: the session name is
 *       whatever the caller passed to AssumeRole, so any principal allowed to assume the role could name its session
 *       after someone else's;</li>
 *   <li>credentials from a Cognito identity pool are the role plus the pool's {@code identityId} (issued by Cognito,
 *       delivered in {@code requestContext.authorizer.iam.cognitoIdentity}): every user of the pool assumes the same
 *       role, so the role alone would be one owner for all of them;</li>
 *   <li>a federated user ({@code federated-user/NAME}) is its account's federated users: GetFederationToken takes
 *       the name from the caller;</li>
 *   <li>an IAM user or the account root is its ARN, which no caller chooses.</li>
 * </ul>
 * STS source identity would single out a person within a role, but the HTTP API request context does not carry it
 * (its {@code iam} fields are accessKey, accountId, callerId, cognitoIdentity, principalOrgId, userArn, userId).
 * Applied to a stored {@code placedBy} too, so orders recorded with a session name compare the same way.
 */
public final class Owner {
    private static final Pattern ASSUMED_ROLE =
            Pattern.compile("^(arn:[^:]+:sts::\\d{12}:assumed-role/[^/#]+)(/[^/]*)?$");
    private static final Pattern FEDERATED_USER = Pattern.compile("^(arn:[^:]+:sts::\\d{12}:federated-user)(/[^/]*)?$");
    private static final String COGNITO = "#cognito-identity=";

    private Owner() {}

    /**
     * @param userArn           requestContext.authorizer.iam.userArn, null when the route has no authorizer
     * @param cognitoIdentityId requestContext.authorizer.iam.cognitoIdentity.identityId, null when not from a pool
     * @return the owner, null when there is no verified caller
     */
    public static String of(String userArn, String cognitoIdentityId) {
        String principal = of(userArn);
        if (principal == null || cognitoIdentityId == null || cognitoIdentityId.isBlank()) {
            return principal;
        }
        return principal + COGNITO + cognitoIdentityId;
    }

    /** The owner a principal ARN (or an owner already) stands for; null for none. */
    public static String of(String principal) {
        if (principal == null || principal.isBlank()) {
            return null;
        }
        Matcher role = ASSUMED_ROLE.matcher(principal);
        if (role.matches()) {
            return role.group(1);
        }
        Matcher federated = FEDERATED_USER.matcher(principal);
        return federated.matches() ? federated.group(1) : principal;
    }
}
