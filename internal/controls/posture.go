package controls

// AccountPosture lists the posture controls in the order data "hardened_account_posture" reports them.
var AccountPosture = []Control{
	RootNoAccessKeys, RootMFA, RootHardwareMFA, RootNotUsed, ConsoleUsersMFA, AccessKeysRotated,
	UnusedCredentialsDisabled, OneActiveAccessKey, PasswordPolicyExists, PasswordMinimumLength, PasswordReusePrevention,
}
