// assignor_driver: runs the registered assignors on cases read from stdin, one per line,
//   <assignor> TAB <topics> TAB <members>
// and prints each result on its own line (assignor_notation.h). assignor_oracle.py feeds it the
// cases it also gives kafka-python's assignors.
#include "assignor_notation.h"

#include <iostream>
#include <string>

int main()
{
    using namespace kl;
    std::string line;
    while (std::getline(std::cin, line)) {
        const auto fields = notation::split(line, '\t');
        if (fields.size() < 2) {
            std::cout << "error: expected assignor TAB topics TAB members\n";
            continue;
        }
        auto assignor = makeAssignor(fields[0]);
        if (!assignor) {
            std::cout << "error: unknown assignor " << fields[0] << "\n";
            continue;
        }
        const std::string members = fields.size() > 2 ? fields[2] : std::string();
        const GroupAssignment result =
            assignor->assign(notation::parseTopics(fields[1]), notation::parseMembers(members));
        std::cout << notation::format(result) << "\n";
    }
    return 0;
}
