package controls

// AdminPorts are the administrative, remote-access and database ports that must
// never accept traffic from the whole internet (0.0.0.0/0 or ::/0). The list joins
// CIS AWS Foundations' remote administration ports (22, 3389), Security Hub EC2.19's
// high-risk ports, and the database, cache and container-daemon ports that public
// scanners find exposed most often.
var AdminPorts = []Port{
	{20, 21, "FTP"},
	{22, 22, "SSH"},
	{23, 23, "Telnet"},
	{25, 25, "SMTP"},
	{53, 53, "DNS"},
	{110, 110, "POP3"},
	{135, 135, "MS RPC"},
	{137, 139, "NetBIOS"},
	{143, 143, "IMAP"},
	{445, 445, "SMB"},
	{1433, 1434, "MS SQL Server"},
	{1521, 1521, "Oracle DB"},
	{2375, 2376, "Docker daemon"},
	{2379, 2380, "etcd"},
	{3306, 3306, "MySQL"},
	{3389, 3389, "RDP"},
	{4333, 4333, "mSQL"},
	{5432, 5432, "PostgreSQL"},
	{5500, 5500, "VNC"},
	{5601, 5601, "Kibana"},
	{5900, 5900, "VNC"},
	{5984, 5984, "CouchDB"},
	{6379, 6379, "Redis"},
	{9042, 9042, "Cassandra"},
	{9200, 9200, "Elasticsearch"},
	{9300, 9300, "Elasticsearch transport"},
	{11211, 11211, "Memcached"},
	{27017, 27018, "MongoDB"},
}

// Network controls: security groups and the VPC default security group.
var (
	DefaultSecurityGroupNoRules = register(Control{
		ID:       "HRD-NET-001",
		Title:    "The VPC default security group allows no inbound or outbound traffic",
		Severity: SeverityHigh,
		Rationale: "Every VPC's default security group lets its members reach each other on every port and allows all " +
			"egress. Anything launched without an explicit group lands in it, which invites lateral movement.",
		Remediation: "Manage each VPC's default group with hardened_default_security_group, which revokes every rule " +
			"(aws_default_security_group with no ingress or egress blocks leaves existing rules in place).",
		References: []Reference{
			{CISv120, "4.3"},
			{CISv140, "5.3"},
			{CISv300, "5.4"},
			{CISv500, "5.5"},
			{SecurityHub, "EC2.2"},
		},
	})

	NoWorldIngressAdminPortsIPv4 = register(Control{
		ID:       "HRD-NET-002",
		Title:    "No security group allows ingress from 0.0.0.0/0 to administrative or database ports",
		Severity: SeverityCritical,
		Ports:    AdminPorts,
		Rationale: "Remote administration and database ports open to the internet are found by scanners within minutes " +
			"and brute-forced or exploited.",
		Remediation: "Restrict the rule to known CIDRs or security groups, or reach the hosts through SSM Session Manager " +
			"or a VPN. hardened_security_group rejects such rules at plan.",
		References: []Reference{
			{CISv120, "4.1"},
			{CISv140, "5.2"},
			{CISv300, "5.2"},
			{CISv500, "5.3"},
			{SecurityHub, "EC2.53"},
		},
	})

	NoWorldIngressAdminPortsIPv6 = register(Control{
		ID:          "HRD-NET-003",
		Title:       "No security group allows ingress from ::/0 to administrative or database ports",
		Severity:    SeverityCritical,
		Ports:       AdminPorts,
		Rationale:   "IPv6 addresses are scanned too; ::/0 is the whole IPv6 internet.",
		Remediation: NoWorldIngressAdminPortsIPv4.Remediation,
		References: []Reference{
			{CISv300, "5.3"},
			{CISv500, "5.4"},
			{SecurityHub, "EC2.54"},
		},
	})

	NoWorldIngressAllProtocols = register(Control{
		ID:       "HRD-NET-004",
		Title:    "No security group allows all traffic (every protocol and port) from the internet",
		Severity: SeverityCritical,
		Rationale: "A rule with protocol -1 from 0.0.0.0/0 or ::/0 exposes every listening service, including the " +
			"administrative and database ports.",
		Remediation: "Allow only the protocols and ports the service needs, from the narrowest sources possible.",
		References: []Reference{
			{SecurityHub, "EC2.18"},
		},
	})

	NoWidePortRanges = register(Control{
		ID:        "HRD-NET-005",
		Title:     "Security group ingress from broad networks opens at most 64 ports per rule",
		Severity:  SeverityMedium,
		Threshold: AtMost(64),
		Rationale: "A wide port range from a broad network (shorter than /16) exposes services nobody meant to publish; " +
			"the range hides which ports are really needed.",
		Remediation: "Split the rule into the specific ports the service listens on, or narrow its source to /16 or longer.",
		References: []Reference{
			{SecurityHub, "EC2.18"},
		},
	})

	// WidePortRangeBroadestPrefix is the shortest prefix length a source CIDR may have
	// before NoWidePortRanges applies to it (a /8 is broad, a /24 is not).
	WidePortRangeBroadestPrefix = 16

	// NoUnrestrictedEgress forbids allow-all egress to the internet, as AllowsAllEgress defines it.
	NoUnrestrictedEgress = register(Control{
		ID:       "HRD-NET-006",
		Title:    "Security groups do not allow all outbound traffic to the internet",
		Severity: SeverityLow,
		Rationale: "Unrestricted egress lets compromised hosts exfiltrate data and reach command-and-control servers " +
			"on any port. Allow-all egress is a rule to 0.0.0.0/0 or ::/0 that allows every protocol (-1), or every " +
			"TCP or UDP port (0 or 1 through 65535).",
		Remediation: "State the outbound traffic a group needs (e.g. 443 to a prefix list). hardened_security_group has " +
			"no egress unless rules are given, and rejects allow-all egress at plan unless allow_all_egress = true.",
	})

	SecurityGroupRuleDescriptions = register(Control{
		ID:          "HRD-NET-007",
		Title:       "Every security group and rule has a description",
		Severity:    SeverityLow,
		Rationale:   "A rule whose purpose is unrecorded cannot be reviewed and is never removed.",
		Remediation: "Set description on the group and on every ingress and egress rule (aws_security_group, aws_security_group_rule, aws_vpc_security_group_ingress_rule/egress_rule). hardened_security_group requires them.",
	})
)

// Internet ingress beyond the admin ports: declared public ports, network ACLs, ICMP.
var (
	NoWorldICMP = register(Control{
		ID:       "HRD-NET-010",
		Title:    "Security groups do not allow ICMP from the internet",
		Severity: SeverityMedium,
		Rationale: "ICMP from anywhere lets the internet map which hosts are alive (ping sweeps) and reach ICMP-handling " +
			"code; the only ICMP a host needs from the internet is path MTU discovery (type 3, code 4).",
		Remediation: "Limit ICMP ingress rules of aws_security_group (and aws_security_group_rule) to known networks, or " +
			"allow only type 3 code 4 (from_port = 3, to_port = 4) from the internet for path MTU discovery.",
	})

	NACLNoWorldAdminPorts = register(Control{
		ID:       "HRD-NET-009",
		Title:    "Network ACLs do not allow ingress from the internet to administrative or database ports",
		Severity: SeverityHigh,
		Rationale: "A network ACL that admits remote administration (SSH, RDP, Telnet, FTP) or database traffic from " +
			"anywhere removes a layer of defence in depth in front of every instance in its subnets. An allow rule " +
			"for every protocol admits every port, whatever its port fields say.",
		Remediation: "Restrict aws_network_acl_rule (or the aws_network_acl / aws_default_network_acl ingress blocks) " +
			"that cover administrative or database ports to known CIDRs, and allow only tcp/udp port ranges the " +
			"subnets serve: never protocol -1 (all) from 0.0.0.0/0 or ::/0.",
		// The same list as the security-group controls: CIS 5.1 and EC2.21 name 22 and 3389.
		Ports: AdminPorts,
		References: []Reference{
			{CISv140, "5.1"}, {CISv300, "5.1"}, {CISv500, "5.2"}, {SecurityHub, "EC2.21"},
		},
	})

	// WorldIngressDeclaredPortsOnly is the allow-list half of Security Hub EC2.18: a
	// group accepts traffic from the whole internet only on ports its owner declared
	// public (hardened_security_group's public_ingress_ports). It complements the
	// admin-port controls, which no declaration can lift.
	WorldIngressDeclaredPortsOnly = register(Control{
		ID:       "HRD-NET-008",
		Title:    "Security groups allow ingress from the internet only on ports declared public",
		Severity: SeverityHigh,
		Rationale: "A port opened to 0.0.0.0/0 or ::/0 by accident (a test service, a metrics endpoint, a debug port) " +
			"is found by scanners within minutes. Requiring every public port to be declared makes exposure a " +
			"deliberate, reviewable decision.",
		Remediation: "Restrict the rule's CIDRs to known networks, or, if the port is meant to be public (e.g. 80, 443), " +
			"declare it: hardened_security_group's public_ingress_ports.",
		References: []Reference{
			{SecurityHub, "EC2.18"},
		},
	})
)
