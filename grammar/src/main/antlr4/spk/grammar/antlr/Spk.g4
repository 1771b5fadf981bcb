/*
 * The small languages found inside SPK specs and on the command line:
 * package and option names, versions, compat strings, version ranges,
 * builds, idents and request idents.
 *
 * The lexer only splits text into runs of digits, runs of letters and
 * single punctuation marks, so every language shares one token stream.
 * Rules about what letters are allowed where (lower case names, base32
 * digests, compat letters, 'API'/'Binary') are checked when the parse
 * tree is turned into values, which gives precise error messages.
 */
grammar Spk;

// ---------------------------------------------------------------- entries

versionEntry     : version EOF ;
compatEntry      : compat EOF ;
rangeEntry       : versionRange? EOF ;
pkgNameEntry     : pkgName EOF ;
optNameEntry     : optName EOF ;
buildEntry       : build EOF ;
anyIdentEntry    : pkgName (SLASH version (SLASH build)?)? EOF ;
buildIdentEntry  : pkgName SLASH version SLASH build EOF ;
rangeIdentEntry  : rangeIdent EOF ;
rangeTailEntry   : versionRange (SLASH build)? EOF ;

// ---------------------------------------------------------------- versions

version     : versionBase (DASH pre=tagSet)? (PLUS post=tagSet)? ;
versionBase : NUM (DOT NUM)* ;
tagSet      : tag (COMMA tag)* ;
tag         : tagName DOT NUM ;
// alphanumeric with at least one letter: "r", "alpha1", "1rc"
tagName     : NUM? ALPHA (ALPHA | NUM)* ;

// ---------------------------------------------------------------- compat

compat        : compatRuleSet (DOT compatRuleSet)* compatTagRule* ;
compatTagRule : (DASH | PLUS) compatRuleSet ;
compatRuleSet : ALPHA ;

// ---------------------------------------------------------------- ranges

versionRange : rangeRule (COMMA rangeRule)* ;

rangeRule
    : CARET version              # semverRule
    | TILDE version              # tildeRule
    | GE version                 # greaterOrEqualRule
    | LE version                 # lessOrEqualRule
    | GT version                 # greaterRule
    | LT version                 # lessRule
    | EQEQ version               # doubleEqualsRule
    | EQ version                 # equalsRule
    | NEQEQ version              # doubleNotEqualsRule
    | NEQ version                # notEqualsRule
    | ALPHA COLON version        # compatRangeRule
    | wildcard                   # wildcardRule
    | version                    # plainRule
    ;

wildcard     : (NUM DOT)* STAR (DOT wildcardPart)* ;
wildcardPart : NUM | STAR ;

// ---------------------------------------------------------------- names

pkgName : (ALPHA | NUM | DASH)+ ;
optName : (pkgName DOT)? optBase ;
optBase : (ALPHA | NUM | DASH | UNDERSCORE)+ ;

// ---------------------------------------------------------------- builds

build         : buildWord (LBRACK embeddedIdent RBRACK)? ;
buildWord     : (ALPHA | NUM)+ ;
embeddedIdent : pkgName components? (SLASH version (SLASH build)?)? ;

// ---------------------------------------------------------------- idents

rangeIdent : pkgName components? (SLASH versionRange (SLASH build)?)? ;
components : COLON (component | LBRACE component (COMMA component)* RBRACE) ;
component  : (ALPHA | NUM | DASH)+ ;

// ---------------------------------------------------------------- tokens

NUM        : [0-9]+ ;
ALPHA      : [a-zA-Z]+ ;
NEQEQ      : '!==' ;
NEQ        : '!=' ;
EQEQ       : '==' ;
EQ         : '=' ;
GE         : '>=' ;
LE         : '<=' ;
GT         : '>' ;
LT         : '<' ;
TILDE      : '~' ;
CARET      : '^' ;
STAR       : '*' ;
DOT        : '.' ;
COMMA      : ',' ;
DASH       : '-' ;
UNDERSCORE : '_' ;
PLUS       : '+' ;
SLASH      : '/' ;
COLON      : ':' ;
LBRACE     : '{' ;
RBRACE     : '}' ;
LBRACK     : '[' ;
RBRACK     : ']' ;
// anything else is an error the parser reports with its column
OTHER      : . ;
