/**
 * The process engine: the embedded in-memory Zeebe runtime (default) or a real Camunda 8 cluster,
 * deployment of the BPMN/DMN models and forms, and the model catalog the rest of the app reads.
 */
package io.expansion.playbook.engine;
