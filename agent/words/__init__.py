"""One vocabulary: the questions every part of dsagent asks about words and column names.

- `text`: folding accents, the words of a name, plural and singular forms;
- `language`: English or Spanish;
- `names`: is a column name an identifier, a code, a date, a year, a protected attribute, personal data;
- `synonyms`: words a person may use for a column word, in either language, and looser related words;
- `columns`: which columns a request mentions, and the one column a given name means;
- `measures`: whether a measure adds up (a total means something) or is averaged;
- `charts`: the chart kinds a request names.

The word lists are data, in prompts/words/*.json (loaded by `dsagent.words.data`); the rules here
read the words of a name, never a particular data set's columns.
"""
