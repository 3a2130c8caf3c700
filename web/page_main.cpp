// The page's one WebAssembly module holds the three tools, which share nearly all their code: one
// download and one compile instead of three. The page runs a tool as its command line would, with
// the tool's name first: callMain(['risk-check', 'cohort.csv', '--format', 'json']).
#include <cstdio>
#include <cstring>

// Each tool's main, renamed where web/CMakeLists.txt compiles its main.cpp for the page.
int waymark_risk_check_main(int argc, char** argv);
int waymark_plan_gen_main(int argc, char** argv);
int waymark_contract_print_main(int argc, char** argv);

int main(int argc, char** argv) {
  struct Tool {
    const char* name;
    int (*main)(int, char**);
  };
  static constexpr Tool tools[] = {
      {"risk-check", waymark_risk_check_main},
      {"plan-gen", waymark_plan_gen_main},
      {"contract-print", waymark_contract_print_main},
  };
  if (argc >= 2)
    for (const Tool& tool : tools)
      if (std::strcmp(argv[1], tool.name) == 0) return tool.main(argc - 1, argv + 1);  // argv[0] becomes the tool's name
  std::fputs("waymark page: the first argument names the tool: risk-check, plan-gen or contract-print\n", stderr);
  return 2;
}
