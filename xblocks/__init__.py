"""XBlocks of LLP Certificates: one subpackage each; they call ``llp_edx_plugin.api`` only."""
