"""Where the company already works: group robots (DingTalk, WeCom, a generic webhook) that
post the figures of a team to its chat group."""
