// Builds a three-user network through the installed library and prints its size.
#include <refnet/events/event_log.hpp>
#include <refnet/events/network.hpp>
#include <refnet/base/version.hpp>

#include <iostream>

int main() {
  refnet::EventLog log;
  const auto a = log.users.intern("a");
  const auto b = log.users.intern("b");
  log.events.push_back({1.0, a, b, refnet::kNone, refnet::kNone, 0.0f, refnet::EventType::kShare, 1});
  const refnet::Network net = refnet::build_network(std::move(log), {});
  std::cout << "refnet " << refnet::version() << ": " << net.num_users() << " users, " << net.wom.num_edges() << " ties\n";
  return net.wom.num_edges() == 1 ? 0 : 1;
}
