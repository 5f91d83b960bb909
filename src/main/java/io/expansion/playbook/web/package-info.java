/** Cross-cutting REST concerns: the error format and how exceptions map to status codes. */
package io.expansion.playbook.web;
