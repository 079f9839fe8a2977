/**
 * Vision algorithms (planned): image classification, object detection and semantic segmentation,
 * trained through DJL's PyTorch engine with SageMaker's hyperparameters and RecordIO/image channels.
 * Nothing is implemented here yet; the module exists so the reactor layout is fixed from the start.
 */
package dev.sagemill.algo.vision;
