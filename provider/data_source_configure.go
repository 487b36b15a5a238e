package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/datasource"

	"github.com/hardened-tf/terraform-provider-hardened/internal/awsclient"
	"github.com/hardened-tf/terraform-provider-hardened/internal/clock"
)

// dataSourceClient is what the provider's Configure handed a data source: the
// AWS client (nil before the provider is configured) and the clock (the wall
// clock until then).
func dataSourceClient(req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) (*awsclient.Client, clock.Clock) {
	if d := dataFrom(req.ProviderData, &resp.Diagnostics); d != nil {
		clk := d.clock
		if clk == nil {
			clk = clock.Real()
		}
		return d.client, clk
	}
	return nil, clock.Real()
}
