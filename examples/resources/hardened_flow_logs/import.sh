# Flow logs are imported by the resource's name: its flow logs carry the tag
# hardened:managed-by = hardened_flow_logs/NAME, from which the VPCs and the
# destination are read.
terraform import hardened_flow_logs.main main
