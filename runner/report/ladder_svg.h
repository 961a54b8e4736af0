// A test case's message ladder as inline SVG: one lifeline per role, one arrow per message with
// its name, one-line detail, time and frame; evidence of a fail drawn in a distinct colour with
// the finding's text beside the offending arrow. Plain SVG with presentation attributes, so it
// renders the same inside the HTML report, copied out on its own, or printed.
#pragma once

#include <cstddef>
#include <set>
#include <string>
#include <vector>

#include "report/ladder_marks.h"
#include "report/report_model.h"

namespace concur::report {

/// One row of a drawn ladder: a message, or a gap standing for messages left out.
struct LadderRow {
  const LadderMessage* message = nullptr;  ///< nullptr: a gap row
  std::size_t skipped = 0;                 ///< messages the gap stands for
};

/// The ladder's roles, then any role a message names that the list lacks, in order of appearance.
std::vector<std::string> lifeline_roles(const MessageLadder& ladder);
/// Every message, one row each.
std::vector<LadderRow> all_rows(const MessageLadder& ladder);
/// The messages whose index is in `keep`, each with `context` messages either side; each run of
/// the others becomes one gap row (a run of one or two is drawn instead). Keeps large ladders
/// readable around the offending message.
std::vector<LadderRow> excerpt_rows(const MessageLadder& ladder, const std::set<std::size_t>& keep,
                                    std::size_t context);

/// The <svg> element (no XML declaration), well-formed XML with all text escaped.
std::string render_ladder_svg(const std::vector<std::string>& roles, const std::vector<LadderRow>& rows,
                              const LadderMarks& marks);

}  // namespace concur::report
