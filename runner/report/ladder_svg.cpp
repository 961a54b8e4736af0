#include "report/ladder_svg.h"

#include <algorithm>
#include <map>

#include "report/html_escape.h"
#include "report/report_text.h"

namespace concur::report {
namespace {

// Geometry in px. A lane is wide enough for most message names between neighbouring roles; a
// longer name may cross a lifeline, and a white halo keeps it legible there.
constexpr int kGutter = 130;  // left column: time, trace index, frame
constexpr int kLane = 160;    // distance between lifelines
constexpr int kHeader = 44;   // role boxes
constexpr int kRow = 40;      // one message
constexpr int kGapRow = 26;   // "... n messages not shown ..."
constexpr int kNoteGap = 16;  // between the last lifeline and the evidence notes
constexpr int kNoteWidth = 540;
constexpr int kNoteLineHeight = 15;
constexpr std::size_t kNoteChars = 82;  // characters per note line at 11.5 px (about 6.3 px each)

constexpr std::size_t kShortestGap = 3;  // fewer left-out messages are drawn instead

constexpr const char* kOffendingColour = "#c62828";
constexpr const char* kRelatedColour = "#ef6c00";
constexpr const char* kNormalColour = "#263238";

std::string num(int v) { return std::to_string(v); }

int lane_x(std::size_t lane) { return kGutter + kLane / 2 + static_cast<int>(lane) * kLane; }

/// The lines of a note: every paragraph wrapped, a blank line between findings' paragraphs is
/// not needed because each finding starts with its rule name.
std::vector<std::string> note_lines(const std::vector<std::string>& paragraphs) {
  std::vector<std::string> lines;
  for (const std::string& p : paragraphs) {
    auto wrapped = wrap_words(p, kNoteChars);
    lines.insert(lines.end(), wrapped.begin(), wrapped.end());
  }
  return lines;
}

int row_height(const LadderRow& row, const LadderMarks& marks) {
  if (!row.message) return kGapRow;
  const auto it = marks.notes.find(row.message->index);
  if (it == marks.notes.end()) return kRow;
  const int lines = static_cast<int>(note_lines(it->second).size());
  return std::max(kRow, lines * kNoteLineHeight + 16);
}

/// `<text>` with escaped content; `extra` holds further attributes.
std::string text(int x, int y, const std::string& content, const std::string& extra) {
  return "<text x=\"" + num(x) + "\" y=\"" + num(y) + "\" " + extra + ">" + escape_text(content) + "</text>";
}

class SvgWriter {
 public:
  SvgWriter(const std::vector<std::string>& roles, const LadderMarks& marks) : roles_(roles), marks_(marks) {
    for (std::size_t i = 0; i < roles.size(); ++i) lane_of_.emplace(roles[i], i);
  }

  std::string write(const std::vector<LadderRow>& rows) {
    int height = kHeader + 12;
    for (const LadderRow& r : rows) height += row_height(r, marks_);
    const int lifelines_right = kGutter + static_cast<int>(roles_.size()) * kLane;
    const bool has_notes = std::any_of(rows.begin(), rows.end(), [&](const LadderRow& r) {
      return r.message && marks_.notes.count(r.message->index);
    });
    lifelines_right_ = lifelines_right;
    notes_x_ = lifelines_right + kNoteGap;
    const int width = has_notes ? notes_x_ + kNoteWidth + 8 : lifelines_right + 8;

    out_ += "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"ladder\" role=\"img\" width=\"" + num(width) +
            "\" height=\"" + num(height) + "\" viewBox=\"0 0 " + num(width) + " " + num(height) +
            "\" font-family=\"DejaVu Sans, Arial, sans-serif\" font-size=\"12\">";
    out_ += "<title>Message ladder</title>";
    draw_roles(height);
    int y = kHeader + 6;
    for (const LadderRow& r : rows) {
      const int h = row_height(r, marks_);
      if (r.message)
        draw_message(*r.message, y, h);
      else
        draw_gap(r.skipped, y, lifelines_right);
      y += h;
    }
    out_ += "</svg>";
    return std::move(out_);
  }

 private:
  void draw_roles(int height) {
    for (std::size_t i = 0; i < roles_.size(); ++i) {
      const int x = lane_x(i);
      out_ += "<g class=\"role\">";
      out_ += "<line x1=\"" + num(x) + "\" y1=\"" + num(kHeader - 10) + "\" x2=\"" + num(x) + "\" y2=\"" +
              num(height - 4) + "\" stroke=\"#90a4ae\" stroke-width=\"1\"/>";
      out_ += "<rect x=\"" + num(x - kLane / 2 + 12) + "\" y=\"6\" width=\"" + num(kLane - 24) +
              "\" height=\"26\" rx=\"4\" fill=\"#eceff1\" stroke=\"#607d8b\"/>";
      out_ += text(x, 24, roles_[i], "text-anchor=\"middle\" font-weight=\"bold\"");
      out_ += "</g>";
    }
  }

  void draw_gap(std::size_t skipped, int y, int right) {
    out_ += "<g class=\"gap\">";
    out_ += "<rect x=\"4\" y=\"" + num(y + 3) + "\" width=\"" + num(right - 8) + "\" height=\"" + num(kGapRow - 6) +
            "\" fill=\"#fafafa\" stroke=\"#b0bec5\" stroke-dasharray=\"4 3\"/>";
    out_ += text((right + kGutter) / 2, y + 17,
                 "\xE2\x80\xA6 " + std::to_string(skipped) + (skipped == 1 ? " message" : " messages") +
                     " not shown \xE2\x80\xA6",
                 "text-anchor=\"middle\" fill=\"#546e7a\" font-style=\"italic\"");
    out_ += "</g>";
  }

  std::size_t lane(const std::string& role) const {
    const auto it = lane_of_.find(role);
    return it == lane_of_.end() ? 0 : it->second;  // lifeline_roles() lists every role named
  }

  void draw_message(const LadderMessage& m, int top, int height) {
    const bool offending = marks_.offending.count(m.index) > 0;
    const bool related = !offending && marks_.related.count(m.index) > 0;
    const char* colour = offending ? kOffendingColour : related ? kRelatedColour : kNormalColour;
    const std::string width = offending ? "3" : related ? "2" : "1.2";
    const std::string cls = offending ? "msg offending" : related ? "msg related" : "msg";
    const int y = top + 22;
    const int x1 = lane_x(lane(m.from));
    const int x2 = lane_x(lane(m.to));

    out_ += "<g class=\"" + cls + "\" data-index=\"" + std::to_string(m.index) + "\">";
    out_ += "<title>" +
            escape_text("#" + std::to_string(m.index) + " " + m.from + " \xE2\x86\x92 " + m.to + " " + m.name +
                        (m.detail.empty() ? "" : " " + m.detail)) +
            "</title>";
    if (offending) {
      out_ += "<rect x=\"2\" y=\"" + num(top + 1) + "\" width=\"" + num(lifelines_right_ - 4) + "\" height=\"" +
              num(height - 2) + "\" fill=\"#ffebee\"/>";
    }
    // Gutter: when and which.
    out_ += text(6, y - 4, "t=" + format_seconds(m.time), "fill=\"#37474f\" font-size=\"11\"");
    out_ +=
        text(6, y + 10, "#" + std::to_string(m.index) + (m.frame ? " \xC2\xB7 frame " + std::to_string(*m.frame) : ""),
             "fill=\"#78909c\" font-size=\"10\"");
    const std::string halo = "paint-order=\"stroke\" stroke=\"#ffffff\" stroke-width=\"3\" stroke-linejoin=\"round\"";
    const std::string weight = offending ? " font-weight=\"bold\"" : "";
    if (x1 == x2) {  // a message a role sends itself (or between roles on one lifeline)
      out_ += "<path d=\"M" + num(x1) + " " + num(y - 8) + " h28 v14 h-18\" fill=\"none\" stroke=\"" + colour +
              "\" stroke-width=\"" + width + "\"/>";
      out_ += arrowhead(x1, y + 6, -1, colour);
      out_ += text(x1 + 34, y - 2, m.name, "fill=\"" + std::string(colour) + "\" " + halo + weight);
      if (!m.detail.empty()) out_ += text(x1 + 34, y + 12, m.detail, "fill=\"#546e7a\" font-size=\"10\" " + halo);
    } else {
      const int dir = x2 > x1 ? 1 : -1;
      out_ += "<line x1=\"" + num(x1) + "\" y1=\"" + num(y) + "\" x2=\"" + num(x2 - dir * 9) + "\" y2=\"" + num(y) +
              "\" stroke=\"" + colour + "\" stroke-width=\"" + width + "\"/>";
      out_ += arrowhead(x2, y, dir, colour);
      const int mid = (x1 + x2) / 2;
      out_ += text(mid, y - 5, m.name, "text-anchor=\"middle\" fill=\"" + std::string(colour) + "\" " + halo + weight);
      if (!m.detail.empty())
        out_ += text(mid, y + 13, m.detail, "text-anchor=\"middle\" fill=\"#546e7a\" font-size=\"10\" " + halo);
    }
    out_ += "</g>";

    const auto note = marks_.notes.find(m.index);
    if (note != marks_.notes.end()) draw_note(note_lines(note->second), std::max(x1, x2) + (x1 == x2 ? 30 : 4), y, top);
  }

  void draw_note(const std::vector<std::string>& lines, int from_x, int arrow_y, int top) {
    const int h = static_cast<int>(lines.size()) * kNoteLineHeight + 10;
    out_ += "<g class=\"evidence-note\">";
    out_ += "<line x1=\"" + num(from_x) + "\" y1=\"" + num(arrow_y) + "\" x2=\"" + num(notes_x_) + "\" y2=\"" +
            num(top + 12) + "\" stroke=\"" + kOffendingColour + "\" stroke-dasharray=\"3 3\"/>";
    out_ += "<rect x=\"" + num(notes_x_) + "\" y=\"" + num(top + 3) + "\" width=\"" + num(kNoteWidth) + "\" height=\"" +
            num(h) + "\" rx=\"3\" fill=\"#fff8f8\" stroke=\"" + kOffendingColour + "\"/>";
    int y = top + 3 + kNoteLineHeight;
    for (const std::string& line : lines) {
      out_ += text(notes_x_ + 6, y, line, "fill=\"#b71c1c\" font-size=\"11.5\"");
      y += kNoteLineHeight;
    }
    out_ += "</g>";
  }

  static std::string arrowhead(int tip_x, int y, int dir, const char* colour) {
    return "<polygon points=\"" + num(tip_x) + "," + num(y) + " " + num(tip_x - dir * 10) + "," + num(y - 5) + " " +
           num(tip_x - dir * 10) + "," + num(y + 5) + "\" fill=\"" + colour + "\"/>";
  }

  const std::vector<std::string>& roles_;
  const LadderMarks& marks_;
  std::map<std::string, std::size_t> lane_of_;
  int lifelines_right_ = 0;
  int notes_x_ = 0;
  std::string out_;
};

}  // namespace

std::vector<std::string> lifeline_roles(const MessageLadder& ladder) {
  std::vector<std::string> roles;
  auto add = [&](const std::string& r) {
    if (std::find(roles.begin(), roles.end(), r) == roles.end()) roles.push_back(r);
  };
  for (const std::string& r : ladder.roles) add(r);
  for (const LadderMessage& m : ladder.messages) {
    add(m.from);
    add(m.to);
  }
  return roles;
}

std::vector<LadderRow> all_rows(const MessageLadder& ladder) {
  std::vector<LadderRow> rows;
  rows.reserve(ladder.messages.size());
  for (const LadderMessage& m : ladder.messages) rows.push_back(LadderRow{&m, 0});
  return rows;
}

std::vector<LadderRow> excerpt_rows(const MessageLadder& ladder, const std::set<std::size_t>& keep,
                                    std::size_t context) {
  const std::size_t n = ladder.messages.size();
  std::vector<bool> shown(n, false);
  for (std::size_t i = 0; i < n; ++i) {
    if (!keep.count(ladder.messages[i].index)) continue;
    const std::size_t first = i > context ? i - context : 0;
    const std::size_t last = std::min(n - 1, i + context);
    for (std::size_t k = first; k <= last; ++k) shown[k] = true;
  }
  std::vector<LadderRow> rows;
  for (std::size_t i = 0; i < n;) {
    if (shown[i]) {
      rows.push_back(LadderRow{&ladder.messages[i], 0});
      ++i;
      continue;
    }
    std::size_t end = i;
    while (end < n && !shown[end]) ++end;
    if (end - i < kShortestGap) {  // a gap row would take as much room as the messages
      for (; i < end; ++i) rows.push_back(LadderRow{&ladder.messages[i], 0});
      continue;
    }
    rows.push_back(LadderRow{nullptr, end - i});
    i = end;
  }
  return rows;
}

std::string render_ladder_svg(const std::vector<std::string>& roles, const std::vector<LadderRow>& rows,
                              const LadderMarks& marks) {
  return SvgWriter(roles, marks).write(rows);
}

}  // namespace concur::report
