// Internal to concur_scenario: test_case_reader.cpp's parser opened for documents that hold more
// than one test case's parts (the explorer's <explore>, explorer.cpp). The document's header,
// roles, preamble and postamble are read as a <testcase>'s, with the same checks; each child
// element the test case language does not know goes to `extra`, with a function that reads one
// step element as the language does and one that fails naming file, line and field.
#pragma once
#include <pugixml.hpp>

#include <functional>
#include <string>

#include "scenario/test_case.h"

namespace concur::scenario::detail {

using StepReader = std::function<Step(const pugi::xml_node&)>;
using FailAt = std::function<void(const pugi::xml_node&, const std::string& field, const std::string& reason)>;
/// True when it read the element; false lets the reader fail on it as unknown.
using ExtraElement = std::function<bool(const pugi::xml_node&, TestCase&, const StepReader&, const FailAt&)>;

/// parse_test_case with another root element name and `extra` for the elements it adds; with
/// `extra`, an empty or missing <steps> is no error (the extra elements make the steps).
TestCase parse_test_case_with(const std::string& text, const std::string& name, const char* root_name, const ExtraElement& extra);

}  // namespace concur::scenario::detail
