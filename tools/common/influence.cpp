#include <common/influence.hpp>

namespace refnet::tools {

void add_influence_options(Cli& cli) {
  cli.options().add_options()
      ("model", po::value<std::string>()->default_value("ic"), "diffusion model: ic (Independent Cascade) | lt (Linear Threshold)")
      ("probability", po::value<std::string>()->default_value("auto"),
       "edge probabilities: auto|input|strength|wc|trivalency|uniform (docs/influence.md)")
      ("p", po::value<double>()->default_value(0.01), "the probability of --probability uniform")
      ("strength-scale", po::value<double>()->default_value(10.0), "--probability strength: p = 1 - exp(-strength / scale)")
      ("ties", po::value<std::string>()->default_value("positive"), "ties that carry influence: positive|negative|all");
}

InfluenceModelParams influence_params(const Cli& cli) {
  InfluenceModelParams p;
  p.model = parse_diffusion_model(cli.vm()["model"].as<std::string>());
  p.probability = parse_probability_model(cli.vm()["probability"].as<std::string>());
  p.uniform_p = cli.vm()["p"].as<double>();
  p.strength_scale = cli.vm()["strength-scale"].as<double>();
  p.ties = parse_tie_sign(cli.vm()["ties"].as<std::string>());
  p.seed = cli.common().seed;
  p.validate();
  return p;
}

void check_probability_options(const Cli& cli, const InfluenceGraph& g) {
  const std::string used(to_string(g.probability));
  if (!cli.vm()["p"].defaulted() && g.probability != ProbabilityModel::kUniform)
    throw UsageError("--p is the probability of --probability uniform; these probabilities are " + used);
  if (!cli.vm()["strength-scale"].defaulted() && g.probability != ProbabilityModel::kStrength)
    throw UsageError("--strength-scale applies to --probability strength; these probabilities are " + used);
}

}  // namespace refnet::tools
