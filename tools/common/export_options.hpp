// The options that choose an export's form (refnet export --to, refnet user
// --export): one place parses them, refuses those of another format, and
// writes the result (one stream, or CSV's two tables committed together).
#pragma once

#include <common/cli.hpp>

#include <refnet/io/export.hpp>

#include <string>

namespace refnet::tools {

// --network, --nodelink-key, --gexf-version; `bom` adds --bom.
void add_export_options(Cli& cli, bool bom);
// The parsed options for the format named by `format_option` ("to" or
// "export"); an option of another format is a usage error naming both. CSV
// writes two files: the edges file beside -o is declared here, before loading.
ExportParams export_params(const Cli& cli, const std::string& format_option);
// Writes `net` in the chosen form to -o.
void write_export(const Cli& cli, const Network& net, const ExportParams& params);

}  // namespace refnet::tools
